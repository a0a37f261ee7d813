// The few browser facts .NET cannot read itself. An external file: /console's CSP runs no inline script.
window.platformConsole = {
    language: () => navigator.language || "en",
    // Box office: a printable ticket (PDF bytes fetched with the person's token) as a URL a link can open in a new tab.
    pdfUrl: (bytes) => URL.createObjectURL(new Blob([bytes], { type: "application/pdf" })),
};
