package dev.migrations.internal.dialect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names a lease's holder so that a waiting migrator's message says where to look ("host web-3 pid
 * 4711"), with a run id that tells two engines of one process apart.
 */
final class LeaseHolder {
    private static final String HOST = host();

    private LeaseHolder() {}

    static String id() {
        byte[] run = new byte[4];
        ThreadLocalRandom.current().nextBytes(run);
        return "host " + HOST + " pid " + ProcessHandle.current().pid() + " run "
                + HexFormat.of().formatHex(run);
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
