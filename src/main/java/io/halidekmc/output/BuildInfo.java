package io.halidekmc.output;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the code that ran. Read at run time from the checkout the classes or jar
 * sit in (target/ lies inside it); the build needs no git plugin or network for it, and a copy
 * outside any checkout honestly says "unknown".
 */
public final class BuildInfo {
    private static volatile String commit;

    private BuildInfo() {}

    /** "abc123…", "abc123…+dirty" (tracked files changed), or "unknown". */
    public static String commit() {
        String c = commit;
        if (c == null) commit = c = read();
        return c;
    }

    private static String read() {
        try {
            Path where = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(where) ? where : where.getParent();
            String head = git(dir, "rev-parse", "HEAD");
            if (head == null || !head.matches("[0-9a-f]{40}")) return "unknown";
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return status == null ? head : status.isEmpty() ? head : head + "+dirty";
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            // a hung git (a network filesystem) must not hold up writing the results
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
