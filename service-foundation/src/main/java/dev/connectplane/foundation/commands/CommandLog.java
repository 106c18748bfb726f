package dev.connectplane.foundation.commands;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@code command_log} table: which command IDs each authenticated caller sent and the reply
 * each got, keyed by (principal, command ID): a command ID is its caller's own. Written in the
 * transaction of the command's effect, so effect and record commit together.
 */
@ApplicationScoped
public class CommandLog {

    /** A handled command's stored reply. */
    public record Entry(String commandType, String outcome, String replyData) {
    }

    private final String find;
    private final String claim;
    private final String complete;

    public CommandLog(FoundationConfig config) {
        String table = config.dbSchema() + ".command_log";
        this.find = "select command_type, outcome, reply_data from " + table
                + " where principal = ?1 and command_id = ?2";
        this.claim = "insert into " + table + " (principal, command_id, command_type) values (?1, ?2, ?3) "
                + "on conflict (principal, command_id) do nothing";
        this.complete = "update " + table + " set outcome = ?3, reply_data = ?4, actor_id = ?1 "
                + "where principal = ?1 and command_id = ?2";
    }

    /** The stored reply of {@code principal}'s command {@code commandId}, or a null item. */
    public Uni<Entry> find(String principal, String commandId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(find, Object[].class)
                .setParameter(1, principal).setParameter(2, commandId).getResultList())
                .map(CommandLog::entry);
    }

    /**
     * Records {@code principal}'s command ID in the caller's transaction; false when that caller
     * already sent it. A concurrent transaction claiming the same pair waits here until the first
     * one ends.
     */
    public Uni<Boolean> claim(String principal, String commandId, String commandType) {
        return Panache.getSession().chain(session -> session.createNativeQuery(claim)
                .setParameter(1, principal).setParameter(2, commandId).setParameter(3, commandType).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Void> complete(String principal, String commandId, String outcome, String replyData) {
        return Panache.getSession().chain(session -> session.createNativeQuery(complete)
                .setParameter(1, principal).setParameter(2, commandId).setParameter(3, outcome)
                .setParameter(4, replyData).executeUpdate()).replaceWithVoid();
    }

    private static Entry entry(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Entry((String) row[0], (String) row[1], (String) row[2]);
    }
}
