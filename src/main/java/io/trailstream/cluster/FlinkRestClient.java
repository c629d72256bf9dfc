package io.trailstream.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Flink's REST API as a user (or {@code curl}) calls it: upload a jar ({@code POST /jars/upload}), run it
 * ({@code POST /jars/:id/run}), read job state and checkpoints, stop with a savepoint, cancel. Every wait is
 * for a condition the API reports, with a deadline, never for a fixed time.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public FlinkRestClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** {@code GET path}: the JSON answer; fails with the status and body on anything but 2xx. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** {@code POST path} with a JSON body. */
    public JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Uploads {@code jar} as the web UI does (multipart field {@code jarfile}); returns the jar id. */
    public String uploadJar(Path jar) {
        String boundary = "----trailstream" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                            + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * Runs an uploaded jar ({@code POST /jars/:id/run}); returns the job id.
     *
     * @param entryClass the main class, or null for the jar's own (its manifest's {@code Main-Class})
     * @param savepoint a savepoint or retained checkpoint to restore from, or null
     */
    public String runJar(String jarId, String entryClass, List<String> args, int parallelism, String savepoint) {
        ObjectNode body = JSON.createObjectNode();
        if (entryClass != null) body.put("entryClass", entryClass);
        args.forEach(body.putArray("programArgsList")::add);
        if (parallelism > 0) body.put("parallelism", parallelism);
        if (savepoint != null) {
            body.put("savepointPath", savepoint);
            body.put("allowNonRestoredState", false);
        }
        return post("/jars/" + jarId + "/run", body).path("jobid").asText();
    }

    /** The job's state: {@code RUNNING}, {@code RESTARTING}, {@code FAILED}, ... */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** {@code GET /jobs/:id/checkpoints}: counts, latest completed and restored checkpoint, history. */
    public JsonNode checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Completed checkpoints of the job so far (restored ones excluded). */
    public long completedCheckpoints(String jobId) {
        return checkpoints(jobId).path("counts").path("completed").asLong();
    }

    /** The root exception of the job's latest failure, or an empty string. */
    public String rootException(String jobId) {
        JsonNode history =
                get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        return history.size() == 0 ? "" : history.get(0).path("stacktrace").asText();
    }

    /** Stops the job with a savepoint into {@code directory}; returns the savepoint's path once written. */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", directory);
        body.put("drain", false);
        String trigger =
                post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        JsonNode status = awaitJson(
                () -> get("/jobs/" + jobId + "/savepoints/" + trigger),
                s -> "COMPLETED".equals(s.path("status").path("id").asText()),
                timeout,
                "savepoint of " + jobId);
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
            throw new IllegalStateException("stop-with-savepoint failed: "
                    + operation.path("failure-cause").path("stack-trace").asText());
        }
        return operation.path("location").asText();
    }

    /** Cancels the job ({@code PATCH /jobs/:id?mode=cancel}). */
    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Waits until the job reaches {@code state}; fails early, with the root exception, if it fails. */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        awaitJson(
                () -> get("/jobs/" + jobId),
                j -> {
                    String s = j.path("state").asText();
                    if (!s.equals(state) && (s.equals("FAILED") || s.equals("FINISHED") || s.equals("CANCELED"))) {
                        throw new IllegalStateException(
                                "job " + jobId + " is " + s + " instead of " + state + ": " + rootException(jobId));
                    }
                    return s.equals(state);
                },
                timeout,
                "job " + jobId + " " + state);
    }

    /**
     * Waits until every subtask of the job is RUNNING, or FINISHED (bounded inputs such as the integrations from
     * the config end early): the job is processing, not just scheduled.
     */
    public void awaitAllTasksRunning(String jobId, Duration timeout) {
        awaitJson(
                () -> get("/jobs/" + jobId),
                j -> {
                    if (!"RUNNING".equals(j.path("state").asText())) return false;
                    for (JsonNode v : j.path("vertices")) {
                        JsonNode tasks = v.path("tasks");
                        int up = tasks.path("RUNNING").asInt()
                                + tasks.path("FINISHED").asInt();
                        if (up != v.path("parallelism").asInt()) return false;
                    }
                    return true;
                },
                timeout,
                "all tasks of " + jobId + " running");
    }

    /** Waits until at least {@code n} checkpoints of the job have completed since it was (re)submitted. */
    public void awaitCompletedCheckpoints(String jobId, long n, Duration timeout) {
        awaitJson(
                () -> checkpoints(jobId),
                c -> c.path("counts").path("completed").asLong() >= n,
                timeout,
                n + " completed checkpoints of " + jobId);
    }

    void awaitReady(Duration timeout, BooleanSupplier alive, Supplier<String> log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                get("/overview");
                return;
            } catch (RuntimeException e) {
                if (!alive.getAsBoolean()) throw new IllegalStateException("the JobManager exited\n" + log.get());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "no REST answer on " + base + " within " + timeout + "\n" + log.get());
                }
                pause(Duration.ofMillis(200));
            }
        }
    }

    void awaitTaskManagers(int n, Duration timeout) {
        awaitJson(
                () -> get("/overview"),
                o -> o.path("taskmanagers").asInt() >= n,
                timeout,
                n + " TaskManagers registered");
    }

    /** Polls {@code call} until {@code done} holds; errors of single calls (a restarting JM) are retried. */
    public static JsonNode awaitJson(
            Supplier<JsonNode> call, java.util.function.Predicate<JsonNode> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        RuntimeException error = null;
        while (System.nanoTime() < deadline) {
            try {
                last = call.get();
                error = null;
                if (done.test(last)) return last;
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                error = e;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                "timed out after " + timeout + " waiting for " + what + "; last answer " + last, error);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(CALL_TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(r.method() + " " + r.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        if (response.statusCode() / 100 != 2) {
            throw new RestException(
                    r.method() + " " + r.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + r.uri() + ": " + response.body(), e);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A REST call answered with an error status. */
    public static final class RestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RestException(String message) {
            super(message);
        }

        /** The innermost cause the JobManager reported (e.g. the job's configuration error), in one line. */
        public String rootCause() {
            String message = getMessage().replace("\\n", "\n").replace("\\t", "\t");
            String last = null;
            for (String line : message.split("\n")) {
                if (line.startsWith("Caused by: ")) last = line.substring("Caused by: ".length());
            }
            return last != null ? last : message;
        }
    }
}
