package tdxcheck.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Debian chromium package driven over the Chrome DevTools Protocol (a WebSocket from
 * java.net.http; no browser download, no driver). One page target, attached in flat mode.
 * Console errors, uncaught exceptions and error log entries (e.g. CSP violations, failed loads)
 * are collected in {@link #errors()}.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path userDataDir;
    private final Path log;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private String sessionId;

    /** The chromium binary: $CHROMIUM_BIN, else chromium / chromium-browser / google-chrome on the PATH; or null. */
    static Path find() {
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            Path p = ReportWriter.findOnPath(name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static HeadlessChromium launch(Path binary, int width, int height) throws Exception {
        Path dir = Files.createTempDirectory("tdxcheck-chromium-");
        Path log = dir.resolve("chromium.log");
        Path profile = dir.resolve("profile");
        Files.createDirectories(profile);
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<String> lines = List.of();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("chromium exited with " + p.exitValue() + ": " + tail(log));
                }
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                    if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            if (lines.size() < 2) {
                throw new IOException("chromium wrote no DevToolsActivePort in " + TIMEOUT + ": " + tail(log));
            }
            URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
            return new HeadlessChromium(p, dir, log, uri, width, height);
        } catch (Exception e) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteTree(dir);
            throw e;
        }
    }

    private HeadlessChromium(Process process, Path userDataDir, Path log, URI uri, int width, int height)
            throws Exception {
        this.process = process;
        this.userDataDir = userDataDir;
        this.log = log;
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(uri, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String targetId = browserCall("Target.createTarget", obj().put("url", "about:blank"))
                .get("targetId").asText();
        sessionId = browserCall("Target.attachToTarget", obj().put("targetId", targetId).put("flatten", true))
                .get("sessionId").asText();
        call("Runtime.enable", obj());
        call("Log.enable", obj());
        call("Page.enable", obj());
        call("Emulation.setDeviceMetricsOverride", obj().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    String logTail() {
        return tail(log);
    }

    private JsonNode browserCall(String method, ObjectNode params) throws Exception {
        return send(method, params, null);
    }

    /** A command to the page; returns its result, or throws with the protocol error. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        return send(method, params, sessionId);
    }

    private JsonNode send(String method, ObjectNode params, String session) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = obj().put("id", id).put("method", method);
        msg.set("params", params);
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (ws) {
            ws.sendText(MAPPER.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Navigates and waits for the load event. */
    void navigate(String url) throws Exception {
        loaded = new CompletableFuture<>();
        JsonNode r = call("Page.navigate", obj().put("url", url));
        if (r.has("errorText")) {
            throw new IOException("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates a JS expression in the page; returns its value (by value), throws on an exception. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", obj().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        JsonNode v = r.get("result").get("value");
        return v == null ? MAPPER.nullNode() : v;
    }

    /** A key press as a user makes it: keyDown (with text for printable keys), then keyUp. */
    void press(String key, String code, int keyCode) throws Exception {
        ObjectNode down = obj().put("type", "keyDown").put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode);
        if (key.length() == 1) {
            down.put("text", key).put("unmodifiedText", key);
        }
        call("Input.dispatchKeyEvent", down);
        call("Input.dispatchKeyEvent", obj().put("type", "keyUp").put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
    }

    /** A left click at viewport coordinates. */
    void click(double x, double y) throws Exception {
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode e = obj().put("type", type).put("x", x).put("y", y);
            if (!type.equals("mouseMoved")) {
                e.put("button", "left").put("clickCount", 1);
            }
            call("Input.dispatchMouseEvent", e);
        }
    }

    /** PNG of the page from the top, at most {@code maxHeight} CSS pixels tall. */
    byte[] screenshot(int maxHeight) throws Exception {
        JsonNode m = call("Page.getLayoutMetrics", obj());
        JsonNode size = m.has("cssContentSize") ? m.get("cssContentSize") : m.get("contentSize");
        double w = size.get("width").asDouble();
        double h = Math.min(maxHeight, size.get("height").asDouble());
        ObjectNode clip = obj().put("x", 0).put("y", 0).put("width", w).put("height", h).put("scale", 1);
        ObjectNode params = obj().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    /** PNG of the element matched by {@code selector}, at {@code scale} device pixels per CSS pixel. */
    byte[] screenshotOf(String selector, double scale) throws Exception {
        JsonNode r = eval("(function(){var r=document.querySelector(" + MAPPER.writeValueAsString(selector)
                + ").getBoundingClientRect();return {x:r.left+window.scrollX,y:r.top+window.scrollY,"
                + "w:r.width,h:r.height};})()");
        ObjectNode clip = obj().put("x", r.get("x").asDouble()).put("y", r.get("y").asDouble())
                .put("width", r.get("w").asDouble()).put("height", r.get("h").asDouble()).put("scale", scale);
        ObjectNode params = obj().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    @Override
    public void close() throws Exception {
        try {
            try {
                browserCall("Browser.close", obj());
            } catch (Exception ignored) {
                // the process is killed below anyway
            }
            ws.abort();
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(userDataDir);
        }
    }

    private void onMessage(String text) {
        JsonNode msg;
        try {
            msg = MAPPER.readTree(text);
        } catch (IOException e) {
            errors.add("unparseable DevTools message: " + e.getMessage());
            return;
        }
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        String method = msg.path("method").asText();
        JsonNode p = msg.path("params");
        switch (method) {
            case "Runtime.exceptionThrown": {
                JsonNode d = p.path("exceptionDetails");
                errors.add("exception: " + d.path("exception").path("description").asText(d.path("text").asText())
                        + " at " + d.path("url").asText() + ":" + d.path("lineNumber").asText());
                break;
            }
            case "Runtime.consoleAPICalled": {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    StringBuilder b = new StringBuilder("console." + type + ":");
                    for (JsonNode a : p.path("args")) {
                        b.append(' ').append(a.has("value") ? a.get("value").asText() : a.path("description").asText());
                    }
                    errors.add(b.toString());
                }
                break;
            }
            case "Log.entryAdded": {
                JsonNode e = p.path("entry");
                if (e.path("level").asText().equals("error")) {
                    errors.add("log " + e.path("source").asText() + ": " + e.path("text").asText() + " "
                            + e.path("url").asText());
                }
                break;
            }
            case "Page.loadEventFired":
                loaded.complete(null);
                break;
            default:
                break;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String text = buf.toString();
                buf.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", l.subList(Math.max(0, l.size() - 15), l.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
