package io.fupan.plugins.review;

import io.fupan.api.data.Records;
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's users and teams as the figures name them (owners by user name, teams by name), read
 * from the records and kept for a minute: user names and teams change rarely, figures are asked often.
 */
final class Directory {

    private static final long TTL_SECONDS = 60;

    private final Records records;
    private final Clock clock;
    private volatile Snapshot snapshot;

    Directory(Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Users by id and by user name, teams by id and by name. */
    record Snapshot(Map<UUID, UserRecord> users, Map<String, UserRecord> byName, Map<UUID, TeamRecord> teams,
                    Map<String, TeamRecord> teamsByName, Instant readAt) {}

    Snapshot now() {
        Snapshot s = snapshot;
        if (s == null || s.readAt().plusSeconds(TTL_SECONDS).isBefore(clock.instant())) {
            s = read();
            snapshot = s;
        }
        return s;
    }

    /** A fresh read, for a name the cached one does not know. */
    Snapshot refresh() {
        Snapshot s = read();
        snapshot = s;
        return s;
    }

    private Snapshot read() {
        Map<UUID, UserRecord> users = new HashMap<>();
        Map<String, UserRecord> byName = new HashMap<>();
        records.users().forEach(Map.of(), u -> {
            users.put(u.id(), u);
            byName.put(u.username().toLowerCase(java.util.Locale.ROOT), u);
        });
        Map<UUID, TeamRecord> teams = new HashMap<>();
        Map<String, TeamRecord> teamsByName = new HashMap<>();
        records.teams().forEach(Map.of(), t -> {
            teams.put(t.id(), t);
            teamsByName.put(t.name(), t);
        });
        return new Snapshot(users, byName, teams, teamsByName, clock.instant());
    }
}
