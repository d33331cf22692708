/**
 * Files editors write next to the one being edited — swap and backup files, lock files, the
 * scratch file vim writes to test a folder — which are never content: a change to them is not a
 * change to the knowledge base, and logging it would bury the writer's real changes.
 */
const SCRATCH = [
  /\.sw[a-p]$/, // vim swap (.swp, .swo, …)
  /~$/, // vim, emacs, gedit backups
  /^4913$/, // vim's check that it may write to the folder
  /^#.*#$/, // emacs auto-save
  /^\.#/, // emacs lock
  /^\.~lock\..*#$/, // LibreOffice lock
  /___jb_(tmp|old)___$/, // JetBrains safe write
  /\.(tmp|temp|bak|orig|crswap)$/i,
  /^\.DS_Store$|^Thumbs\.db$/,
  /\.[0-9a-f]{6,}\.tmp$/i, // atomic writes by VS Code and others (file.md.4f3a2b.tmp)
]

/** Whether a changed path (relative, `/`-separated) is an editor's scratch file rather than content. */
export function isEditorScratch(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return SCRATCH.some((pattern) => pattern.test(name))
}
