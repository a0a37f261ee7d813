// The few browser facts .NET cannot read itself. An external file: /console's CSP runs no inline script.
window.platformConsole = {
    language: () => navigator.language || "en",
    // Box office: a printable ticket (PDF bytes fetched with the person's token) as a URL a link can open in a new tab.
    pdfUrl: (bytes) => URL.createObjectURL(new Blob([bytes], { type: "application/pdf" })),
    // Post-event report: a file fetched with the person's token, saved under its name (a plain link could not send the token).
    saveFile: (bytes, type, name) => {
        const url = URL.createObjectURL(new Blob([bytes], { type }));
        const link = Object.assign(document.createElement("a"), { href: url, download: name });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
    // Seat-map editor: a pointer's screen position in the SVG's own (venue map) coordinates, whatever the pan and zoom.
    svgPoint: (svg, x, y) => {
        const m = svg.getScreenCTM();
        if (!m) return [0, 0];
        const p = new DOMPoint(x, y).matrixTransform(m.inverse());
        return [p.x, p.y];
    },
    // Seat-map editor: the venue's exported JSON as a file download.
    download: (name, text) => {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
    },
};
