// The gate scanner's browser side (ADR 0046): the offline package and the queue of offline scans in IndexedDB, the
// offline decision (ES256 signature checked with WebCrypto: .NET's ECDsa does not run in the browser), the network
// state, and the camera through the browser's own BarcodeDetector where it exists. Loaded as a module by
// Pages/Scanner/Scan.razor; an external file because /console's CSP runs no inline script.

const DB_NAME = "platform-scanner";
let dbPromise = null;

function db() {
    dbPromise ??= new Promise((resolve, reject) => {
        const open = indexedDB.open(DB_NAME, 1);
        open.onupgradeneeded = () => {
            open.result.createObjectStore("packages", { keyPath: "eventId" });
            open.result.createObjectStore("queue", { keyPath: "nonce" });
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
    });
    return dbPromise;
}

async function run(store, mode, work) {
    const tx = (await db()).transaction(store, mode);
    const request = work(tx.objectStore(store));
    return new Promise((resolve, reject) => {
        tx.oncomplete = () => resolve(request?.result);
        tx.onerror = () => reject(tx.error);
    });
}

/** Keeps the package (tickets by id, revoked ids, keys) and what this browser admitted since, per event. */
export async function savePackage(pkg) {
    const old = await run("packages", "readonly", s => s.get(pkg.eventId));
    const tickets = {};
    for (const t of pkg.tickets) {
        // A local admission not yet in the server's package (queued, or scanned after it was cut) is kept.
        const mine = old?.tickets?.[t.id];
        tickets[t.id] = mine?.admitted && !t.admitted ? { ...t, admitted: true, firstAt: mine.firstAt, firstGate: mine.firstGate, inside: mine.inside } : t;
    }
    // Imported tickets' old codes (ADR 0057) come hashed with the package's salt: kept as hash → ticket id.
    const legacy = {};
    for (const c of pkg.legacyCodes ?? []) legacy[c.codeHash] = c.ticketId;
    const record = { ...pkg, tickets, revoked: pkg.revoked, legacyCodes: legacy, savedAt: new Date().toISOString() };
    await run("packages", "readwrite", s => s.put(record));
    return summary(record);
}

function summary(p) {
    return p ? { eventId: p.eventId, title: p.title, tickets: Object.keys(p.tickets).length, savedAt: p.savedAt } : null;
}

export async function packageSummary(eventId) {
    return summary(await run("packages", "readonly", s => s.get(eventId)));
}

function b64url(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
    return Uint8Array.from(bin, c => c.charCodeAt(0));
}

function uuid(bytes) {
    const h = Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** T1.<body>.<signature> as TicketCode.cs writes it: ticket id | event id | code version | key id, signed with ES256. */
function parse(code) {
    const m = /^T1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(code ?? "");
    if (!m || code.length > 256) return null;
    try {
        const body = b64url(m[1]);
        if (body.length <= 36 || body.length > 52) return null;
        const version = new DataView(body.buffer).getInt32(32, false);
        const kid = String.fromCharCode(...body.slice(36));
        if (version < 1 || !/^[A-Za-z0-9_-]+$/.test(kid)) return null;
        return { ticketId: uuid(body.slice(0, 16)), eventId: uuid(body.slice(16, 32)), version, kid, signed: `T1.${m[1]}`, signature: b64url(m[2]) };
    } catch {
        return null;
    }
}

async function verify(parsed, jwk) {
    const key = await crypto.subtle.importKey("jwk", { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
        { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    // WebCrypto's ECDSA signature is r|s (IEEE P1363), the format the platform signs in.
    return parsed.signature.length === 64 &&
        crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, parsed.signature, new TextEncoder().encode(parsed.signed));
}

/**
 * Decides a scan from the package as the server would (docs/checkin.md), remembers an admission and queues the scan
 * for upload: the server's verdict, given on upload, is the one that counts.
 */
export async function decideOffline(eventId, code, gate) {
    const pkg = await run("packages", "readonly", s => s.get(eventId));
    const scannedAt = new Date().toISOString();
    const nonce = crypto.randomUUID();
    const verdict = pkg ? await decide(pkg, eventId, code, gate, scannedAt) : { result: "no_package" };
    if (pkg) {
        await run("packages", "readwrite", s => s.put(pkg));
        await run("queue", "readwrite", s => s.put({ nonce, eventId, code, gate, scannedAt, local: verdict.result }));
    }
    return { ...verdict, nonce, scannedAt };
}

/** The ticket an imported old code admits: SHA-256 of the package's salt + the trimmed code, as the server hashed it. */
async function legacyTicket(pkg, code) {
    if (!pkg.legacyCodeSalt || !pkg.legacyCodes) return null;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pkg.legacyCodeSalt + code.trim()));
    return pkg.legacyCodes[Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("")] ?? null;
}

async function decide(pkg, eventId, code, gate, scannedAt) {
    const parsed = parse(code.trim());
    if (!parsed) {
        // Not one of our signed codes: maybe an imported ticket's old code (code version 1), else malformed.
        const legacyId = await legacyTicket(pkg, code);
        return legacyId ? admit(pkg, legacyId, 1, gate, scannedAt) : { result: "invalid", reason: "malformed" };
    }
    const jwk = pkg.keys.find(k => k.kid === parsed.kid);
    if (!jwk) return { result: "invalid", reason: "unknown_key" };
    if (!(await verify(parsed, jwk))) return { result: "invalid", reason: "bad_signature" };
    if (parsed.eventId !== eventId) return { result: "wrong_event" };
    return admit(pkg, parsed.ticketId, parsed.version, gate, scannedAt);
}

function admit(pkg, ticketId, version, gate, scannedAt) {
    if (pkg.revoked.includes(ticketId)) return { result: "revoked", ticketId };
    const t = pkg.tickets[ticketId];
    if (!t) return { result: "invalid", reason: "unknown_ticket" };
    if (version !== t.codeVersion) return { result: "invalid", reason: "stale_code", ticketId: t.id };
    // The seat (section, row, seat; null for general admission) came with the package: shown offline as online.
    const about = { ticketId: t.id, ticketTypeId: t.ticketTypeId, ticketTypeName: t.ticketTypeName, audience: t.audience, seat: t.seat ?? null };
    if (t.admitted && pkg.allowReEntry) {
        t.inside = !(t.inside ?? true);
        return { ...about, result: t.inside ? "admitted" : "exited" };
    }
    if (t.admitted) return { ...about, result: "already_used", firstScannedAt: t.firstAt ?? null, firstGate: t.firstGate ?? null };
    Object.assign(t, { admitted: true, inside: true, firstAt: scannedAt, firstGate: gate });
    return { ...about, result: "admitted" };
}

/** An online scan's verdict, so that a later offline decision knows the ticket is in. */
export async function rememberAdmission(eventId, ticketId, at, gate) {
    const pkg = await run("packages", "readonly", s => s.get(eventId));
    const t = pkg?.tickets?.[ticketId];
    if (t && !t.admitted) {
        Object.assign(t, { admitted: true, inside: true, firstAt: at, firstGate: gate });
        await run("packages", "readwrite", s => s.put(pkg));
    }
}

export async function queued(eventId) {
    const all = await run("queue", "readonly", s => s.getAll());
    return all.filter(q => q.eventId === eventId).sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}

export async function dequeue(nonces) {
    await run("queue", "readwrite", s => nonces.forEach(n => s.delete(n)));
}

export function isOnline() {
    return navigator.onLine;
}

let listeners = null;

/** Tells the page when the browser goes on- or offline (it then uploads the queue). */
export function watchNetwork(page) {
    unwatchNetwork();
    const on = () => page.invokeMethodAsync("NetworkChanged", true);
    const off = () => page.invokeMethodAsync("NetworkChanged", false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    listeners = { on, off };
}

export function unwatchNetwork() {
    if (listeners) {
        window.removeEventListener("online", listeners.on);
        window.removeEventListener("offline", listeners.off);
        listeners = null;
    }
}

export function buzz(pattern) {
    navigator.vibrate?.(pattern);
}

export function setting(key, value) {
    if (value === undefined) return localStorage.getItem("scanner." + key);
    localStorage.setItem("scanner." + key, value);
    return value;
}

let camera = null;

export function hasCamera() {
    return "BarcodeDetector" in window && !!navigator.mediaDevices?.getUserMedia;
}

/** Reads QR codes from the back camera until stopped; each new code goes to the page (the same code once per 3 s). */
export async function startCamera(video, page) {
    stopCamera();
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    video.srcObject = stream;
    await video.play();
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    const state = { stream, stopped: false, last: "", lastAt: 0 };
    camera = state;
    const tick = async () => {
        if (state.stopped) return;
        try {
            const codes = await detector.detect(video);
            const value = codes[0]?.rawValue;
            if (value && (value !== state.last || Date.now() - state.lastAt > 3000)) {
                state.last = value;
                state.lastAt = Date.now();
                await page.invokeMethodAsync("CodeRead", value);
            }
        } catch { /* a frame the detector could not read */ }
        setTimeout(tick, 250);
    };
    tick();
}

export function stopCamera() {
    if (camera) {
        camera.stopped = true;
        camera.stream.getTracks().forEach(t => t.stop());
        camera = null;
    }
}
