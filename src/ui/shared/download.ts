/** Offers text to the user as a file download (the browser's own save). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // The click starts the download asynchronously: release the URL a little later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
