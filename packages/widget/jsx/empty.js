// @signpost/widget/react and /vue carry types only; importing them at run time does nothing.
export {}
