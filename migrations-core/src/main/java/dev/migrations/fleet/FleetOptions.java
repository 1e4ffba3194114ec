package dev.migrations.fleet;

import dev.migrations.MigrationsException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * How a fleet run goes.
 *
 * @param parallelism how many tenants run at once (each holds one connection while it runs); tenants
 *     that are schemas of one H2 database run one at a time, as H2's catalog lock would deadlock them
 * @param onFailure whether the other tenants go on when one fails
 * @param shard the share of the tenants this runner takes, or null for all of them
 * @param listener hears each tenant finish, for progress
 */
public record FleetOptions(
        int parallelism, OnFailure onFailure, @Nullable Shard shard, FleetListener listener) {

    /** Validates. */
    public FleetOptions {
        if (parallelism < 1) {
            throw new MigrationsException("The fleet's parallelism must be at least 1 (was " + parallelism + ")");
        }
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(listener, "listener");
    }

    /** One tenant at a time, every tenant, the others going on after a failure, no listener. */
    public static FleetOptions defaults() {
        return new FleetOptions(1, OnFailure.CONTINUE, null, FleetListener.NONE);
    }

    /** These options with another parallelism. */
    public FleetOptions parallelism(int value) {
        return new FleetOptions(value, onFailure, shard, listener);
    }

    /** These options with another failure policy. */
    public FleetOptions onFailure(OnFailure value) {
        return new FleetOptions(parallelism, value, shard, listener);
    }

    /** These options with a shard (null: every tenant). */
    public FleetOptions shard(@Nullable Shard value) {
        return new FleetOptions(parallelism, onFailure, value, listener);
    }

    /** These options with a listener. */
    public FleetOptions listener(FleetListener value) {
        return new FleetOptions(parallelism, onFailure, shard, value);
    }

    /** What the other tenants do when one fails. */
    public enum OnFailure {
        /** They go on; the failure is reported in the result (failure isolation). */
        CONTINUE,
        /** Tenants not yet started are skipped; those running finish. */
        STOP
    }

    /**
     * One of {@code count} shares of the tenants: a tenant belongs to the shard its name hashes to, so
     * it always lands in the same one and N runners with shards 0..N-1 take every tenant exactly once.
     *
     * @param index this shard, from 0
     * @param count how many shards there are
     */
    public record Shard(int index, int count) {
        private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

        /** Validates. */
        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new MigrationsException(
                        "Shard " + index + "/" + count + " does not exist: the index counts from 0"
                                + " and stays below the number of shards (e.g. 0/4, 1/4, 2/4, 3/4)");
            }
        }

        /** Parses {@code I/N}, e.g. {@code 2/4}. */
        public static Shard parse(String spec) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) {
                throw new MigrationsException(
                        "The shard '" + spec + "' is not of the form I/N (e.g. 0/4: the first of" + " four shards)");
            }
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        /** Whether this shard takes the tenant. */
        public boolean includes(String tenant) {
            // CRC32, not String.hashCode: the same on every runtime and spread over the shards evenly.
            CRC32 crc = new CRC32();
            crc.update(tenant.getBytes(StandardCharsets.UTF_8));
            return crc.getValue() % count == index;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }
}
