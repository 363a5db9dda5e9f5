package io.fupan.plugins.review;

import io.fupan.api.data.UserRecord;
import io.fupan.api.rest.PluginRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A cohort (METRICS.md "Cohort"): the opportunities created in {@code [from, to)} (dates in the tenant's
 * time zone; absent means unbounded) that match the filters (owner, team, industry, region, channel;
 * each may repeat or list values with commas, any of which matches), as a SQL condition over
 * rd_opportunity with its parameters.
 */
record Cohort(LocalDate from, LocalDate to, OffsetDateTime start, OffsetDateTime end, List<UUID> owners,
              List<String> industries, List<String> regions, List<String> channels, List<String> productLines) {

    /** The query parameters a cohort takes. */
    static final Set<String> PARAMS = Set.of("from", "to", "owner", "team", "industry", "region", "channel", "productLine");

    static Cohort parse(PluginRequest request, ZoneId zone, Directory directory) {
        LocalDate from = date(request, "from");
        LocalDate to = date(request, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw new BadRequest("to", "must be after from (the window is [from, to))");
        }
        List<UUID> owners = null;
        List<String> ownerNames = values(request, "owner");
        List<String> teamNames = values(request, "team");
        if (!ownerNames.isEmpty() || !teamNames.isEmpty()) {
            Set<UUID> ids = new LinkedHashSet<>();
            Directory.Snapshot d = directory.now();
            for (String o : ownerNames) {
                UserRecord u = user(d, o);
                if (u == null) {
                    d = directory.refresh();
                    u = user(d, o);
                }
                if (u == null) {
                    throw new BadRequest("owner", "no user of this tenant is named '" + o + "'");
                }
                ids.add(u.id());
            }
            Set<UUID> teamMembers = new LinkedHashSet<>();
            for (String t : teamNames) {
                UUID teamId = team(d, t);
                if (teamId == null) {
                    throw new BadRequest("team", "no team of this tenant is named '" + t + "'");
                }
                d.users().values().stream().filter(u -> teamId.equals(u.teamId())).forEach(u -> teamMembers.add(u.id()));
            }
            if (!teamNames.isEmpty()) {
                if (ownerNames.isEmpty()) {
                    ids.addAll(teamMembers);
                } else {
                    ids.retainAll(teamMembers);
                }
            }
            owners = List.copyOf(ids);
        }
        return new Cohort(from, to, from == null ? null : from.atStartOfDay(zone).toOffsetDateTime(),
                to == null ? null : to.atStartOfDay(zone).toOffsetDateTime(), owners, values(request, "industry"),
                values(request, "region"), values(request, "channel"), values(request, "productLine"));
    }

    private static UserRecord user(Directory.Snapshot d, String nameOrId) {
        try {
            return d.users().get(UUID.fromString(nameOrId));
        } catch (IllegalArgumentException notAnId) {
            return d.byName().get(nameOrId.toLowerCase(Locale.ROOT));
        }
    }

    private static UUID team(Directory.Snapshot d, String nameOrId) {
        try {
            UUID id = UUID.fromString(nameOrId);
            return d.teams().containsKey(id) ? id : null;
        } catch (IllegalArgumentException notAnId) {
            return d.teamsByName().containsKey(nameOrId) ? d.teamsByName().get(nameOrId).id() : null;
        }
    }

    private static LocalDate date(PluginRequest request, String name) {
        String v = request.query(name).orElse("");
        if (v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "must be a date such as 2026-01-31, was '" + v + "'");
        }
    }

    private static List<String> values(PluginRequest request, String name) {
        List<String> out = new ArrayList<>();
        for (String v : request.query().getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** Refuses parameters that are not among {@code allowed} (a misspelt filter must not widen a figure silently). */
    static void onlyThese(PluginRequest request, Set<String> allowed) {
        for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new BadRequest(e.getKey(), "is not a parameter of this endpoint (parameters: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The SQL condition (without "where") over rd_opportunity, appending its parameters to {@code args}. */
    String where(List<Object> args) {
        List<String> c = new ArrayList<>();
        c.add("true");
        if (start != null) {
            c.add("created_at >= ?");
            args.add(start);
        }
        if (end != null) {
            c.add("created_at < ?");
            args.add(end);
        }
        if (owners != null) {
            c.add("owner_id = any(?)");
            args.add(owners.toArray(new UUID[0]));
        }
        in(c, args, "industry", industries);
        in(c, args, "region", regions);
        in(c, args, "channel", channels);
        in(c, args, "product_line", productLines);
        return String.join(" and ", c);
    }

    private static void in(List<String> c, List<Object> args, String column, List<String> values) {
        if (!values.isEmpty()) {
            c.add(column + " = any(?)");
            args.add(values.toArray(new String[0]));
        }
    }
}
