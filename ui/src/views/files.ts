// Reading a file the user picked with <input type="file"> (the webview has no file system access).
// FileReader rather than Blob.text()/arrayBuffer(), which not every webview has.

function read<T>(start: (reader: FileReader) => void, result: (reader: FileReader) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(result(reader))
    reader.onerror = () => reject(reader.error)
    start(reader)
  })
}

/** The file's bytes, as commands take them (a plain array of numbers). */
export function readBytes(file: File): Promise<number[]> {
  return read(
    (r) => r.readAsArrayBuffer(file),
    (r) => Array.from(new Uint8Array(r.result as ArrayBuffer)),
  )
}

/** The file's text (UTF-8). */
export function readText(file: File): Promise<string> {
  return read(
    (r) => r.readAsText(file),
    (r) => String(r.result),
  )
}
