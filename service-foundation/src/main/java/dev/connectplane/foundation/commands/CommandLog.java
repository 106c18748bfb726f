package dev.connectplane.foundation.commands;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@code command_log} table: which command IDs were handled and the reply each got. Written
 * in the transaction of the command's effect, so effect and record commit together.
 */
@ApplicationScoped
public class CommandLog {

    /** A handled command's stored reply. */
    public record Entry(String commandType, String outcome, String replyData, String actorId) {
    }

    private final String find;
    private final String claim;
    private final String complete;

    public CommandLog(FoundationConfig config) {
        String table = config.dbSchema() + ".command_log";
        this.find = "select command_type, outcome, reply_data, actor_id from " + table + " where command_id = ?1";
        this.claim = "insert into " + table + " (command_id, command_type) values (?1, ?2) on conflict (command_id) do nothing";
        this.complete = "update " + table + " set outcome = ?2, reply_data = ?3, actor_id = ?4 where command_id = ?1";
    }

    public Uni<Entry> find(String commandId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(find, Object[].class)
                .setParameter(1, commandId).getResultList())
                .map(CommandLog::entry);
    }

    /**
     * Records the command ID in the caller's transaction; false when it is already recorded. A
     * concurrent transaction claiming the same ID waits here until the first one ends.
     */
    public Uni<Boolean> claim(String commandId, String commandType) {
        return Panache.getSession().chain(session -> session.createNativeQuery(claim)
                .setParameter(1, commandId).setParameter(2, commandType).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Void> complete(String commandId, String outcome, String replyData, String actorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(complete)
                .setParameter(1, commandId).setParameter(2, outcome).setParameter(3, replyData)
                .setParameter(4, actorId).executeUpdate()).replaceWithVoid();
    }

    private static Entry entry(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Entry((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
    }
}
