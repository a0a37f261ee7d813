// Reports and finance: saves an export (bytes fetched with the person's token) under its file name. Loaded as a
// module by the pages that download (an external file: /console's CSP runs no inline script).
export function save(fileName, contentType, bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}
