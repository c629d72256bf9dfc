package io.trailstream.onboarding;

import io.trailstream.cli.ControlCommandContext;
import io.trailstream.cli.TrailstreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Runs {@code trailstream aws ...} in-process against an endpoint, capturing exit code, stdout and stderr. */
final class AwsCli {
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final String endpoint;
    private final List<ExecutionInterceptor> interceptors;

    AwsCli(String endpoint, List<ExecutionInterceptor> interceptors) {
        this.endpoint = endpoint;
        this.interceptors = interceptors;
    }

    Result run(String command, List<String> request, String... extra) {
        List<String> args = new ArrayList<>(List.of("aws", command));
        args.addAll(request);
        args.addAll(List.of("--region", "us-east-1", "--endpoint-url", endpoint));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TrailstreamCommand.execute(
                new ControlCommandContext().withAwsInterceptors(interceptors),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
