// The few browser facts .NET cannot read itself. An external file: /console's CSP runs no inline script.
window.platformConsole = {
    language: () => navigator.language || "en",
};
