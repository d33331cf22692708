/** Saves a Blob as a file through a temporary `<a download>`, the way every browser supports. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  // The download has started from the click; the URL only needs to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
