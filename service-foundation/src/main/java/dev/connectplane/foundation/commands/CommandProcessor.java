package dev.connectplane.foundation.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.contracts.commands.Command;
import dev.connectplane.contracts.commands.CommandAccepted;
import dev.connectplane.contracts.commands.CommandRejected;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.caller.CallContext;
import dev.connectplane.foundation.config.FoundationConfig;
import dev.connectplane.foundation.faults.RetryingDelivery;
import dev.connectplane.foundation.faults.TransientFailures;
import dev.connectplane.foundation.operations.Replays;
import dev.connectplane.foundation.outbox.OutboxWriter;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.text.StorableText;
import dev.connectplane.foundation.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Handles one record of a commands topic, the way REST handles a request, with exactly one reply
 * on {@code connect.command-replies} (through the outbox, keyed by the command ID):
 * <ol>
 *   <li>a message that is not a command at all (not a JSON object, or no {@code command_id} or
 *       {@code type}) fails, so the channel's dead-letter strategy sets it aside and goes on;</li>
 *   <li>the bearer token in the {@value Command#AUTHORIZATION_HEADER} header authenticates the
 *       caller first: without a valid one the command is rejected (401), every time, and nothing
 *       is recorded, so a repeat with an invalid token never gets anyone's stored reply;</li>
 *   <li>a command ID this caller already sent changes nothing and its stored reply is sent again
 *       (command IDs are per caller: another caller's same ID is another command);</li>
 *   <li>otherwise, in one transaction: (caller, ID) is recorded, the handler runs the service
 *       method for that caller, and the accepted reply is written;</li>
 *   <li>a refusal ({@link ProblemException}: 400, 401, 403, 404, 409, 422) rolls all of that back
 *       and is recorded and answered with the same problem details REST would give;</li>
 *   <li>a transient failure (the database away, a deadlock, a projection not caught up) rolls it
 *       back too and the same command is tried again with back-off ({@link RetryingDelivery}): it
 *       is never answered "rejected" for a fault of ours.</li>
 * </ol>
 */
@ApplicationScoped
public class CommandProcessor {

    /** The actor of a rejection whose bearer token was missing or invalid. */
    static final Actor UNAUTHENTICATED = Actor.user("unauthenticated", List.of());
    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);
    private static final String ACCEPTED = "accepted";
    private static final String REJECTED = "rejected";
    /** What {@code afterCommit} holds once the stored reply of a repeated command was sent again. */
    private static final Runnable REPLAYED = () -> { };

    private final BearerAuthentication bearer;
    private final OutboxWriter outbox;
    private final CommandLog log;
    private final ObjectMapper mapper;
    private final RetryingDelivery delivery;
    private final String serviceName;
    private final Traces traces;
    private final CommandOutcomes outcomes;

    public CommandProcessor(BearerAuthentication bearer, OutboxWriter outbox, CommandLog log, ObjectMapper mapper,
                            RetryingDelivery delivery, FoundationConfig foundation, Traces traces,
                            CommandOutcomes outcomes) {
        this.traces = traces;
        this.outcomes = outcomes;
        this.bearer = bearer;
        this.outbox = outbox;
        this.log = log;
        this.mapper = mapper;
        this.delivery = delivery;
        this.serviceName = foundation.serviceName();
    }

    /**
     * Handles one command in a request context of its own ({@link CommandDispatch} calls it, each
     * command on a Vert.x context of its own). The command is handled in a span of its own, a
     * child of the sender's when its {@code traceparent} header names one, and the parent of the
     * outbox rows (events, reply) it writes.
     */
    @ActivateRequestContext
    public Uni<Void> process(ConsumerRecord<String, String> record, CommandHandlers handlers) {
        if (Replays.isForAnotherService(record, serviceName)) {
            return Uni.createFrom().voidItem();
        }
        Command command;
        try {
            command = read(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warnf("message at %s-%d@%d is not a command and goes to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        String authorization = authorization(record);
        Span span = traces.receiving("command", record);
        return Traces.within(span, () -> {
            Traces.handling(span, command.commandId(), command.type(), Optional.empty());
            return delivery.untilApplied(record, () -> attempt(command, authorization, handlers));
        });
    }

    /** One attempt at the command: its effect and reply, or its rejection; a transient failure is tried again. */
    private Uni<Void> attempt(Command command, String authorization, CommandHandlers handlers) {
        return bearer.authenticate(authorization)
                .onItemOrFailure()
                .transformToUni((actor, failure) -> afterAuthentication(command, handlers, actor, failure));
    }

    /** The command as its authenticated caller, or its rejection when the bearer token was refused. */
    private Uni<Void> afterAuthentication(Command command, CommandHandlers handlers, Actor actor, Throwable failure) {
        if (failure instanceof ProblemException unauthenticated) {
            return rejectUnauthenticated(command, unauthenticated);
        }
        if (failure != null) {
            return Uni.createFrom().failure(failure);
        }
        return runAs(command, handlers, actor);
    }

    private Uni<Void> runAs(Command command, CommandHandlers handlers, Actor actor) {
        AtomicReference<Runnable> afterCommit = new AtomicReference<>(() -> { });
        return Panache.withTransaction(() -> claimAndExecute(command, actor, handlers, afterCommit))
                .invoke(() -> afterCommit.get().run())
                .invoke(() -> outcomes.counted(command.type(), repeatedOr(afterCommit, CommandOutcomes.ACCEPTED)))
                .onFailure(CommandProcessor::isRefusal)
                .recoverWithUni(problem -> reject(command, actor, (ProblemException) problem));
    }

    private Uni<Void> claimAndExecute(Command command, Actor actor, CommandHandlers handlers,
                                      AtomicReference<Runnable> afterCommit) {
        return log.claim(actor.id(), command.commandId(), command.type())
                .chain(first -> first
                        ? execute(command, actor, handlers, afterCommit)
                        : replay(actor, command.commandId()).invoke(() -> afterCommit.set(REPLAYED)));
    }

    private static String repeatedOr(AtomicReference<Runnable> afterCommit, String outcome) {
        return afterCommit.get() == REPLAYED ? CommandOutcomes.REPEATED : outcome;
    }

    /** A problem answers the command; a transient failure (even one wrapped in a problem) does not. */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof ProblemException && !TransientFailures.isTransient(failure);
    }

    private Uni<Void> execute(Command command, Actor actor, CommandHandlers handlers,
                              AtomicReference<Runnable> afterCommit) {
        CommandType type = CommandType.fromWireName(command.type()).filter(t -> handlers.of(t).isPresent())
                .orElseThrow(() -> ProblemException.badRequest("unknown-command-type", "'" + command.type()
                        + "' is not a command of this topic, which carries " + handlers.names()));
        Object payload = payload(command, type);
        CallContext context = CallContext.command(actor, command.commandId());
        return handlers.of(type).orElseThrow().handle(payload, context).chain(result -> {
            afterCommit.set(result.afterCommit());
            CommandAccepted accepted = new CommandAccepted(command.commandId(), command.type(),
                    mapper.valueToTree(result.result()));
            Uni<?> reply = result.carriesSecret()
                    ? outbox.appendSensitive(accepted, context)
                    : outbox.append(accepted, context);
            return reply.chain(() -> log.complete(actor.id(), command.commandId(), ACCEPTED,
                    mapper.valueToTree(result.stored()).toString()));
        });
    }

    /** A refusal of an authenticated caller's command, recorded as its reply. */
    private Uni<Void> reject(Command command, Actor actor, ProblemException problem) {
        JsonNode details = mapper.valueToTree(problem.toProblem(null));
        AtomicReference<String> outcome = new AtomicReference<>(CommandOutcomes.REJECTED);
        return Panache.withTransaction(() -> log.claim(actor.id(), command.commandId(), command.type()).chain(first -> {
            if (!first) {
                outcome.set(CommandOutcomes.REPEATED);
                return replay(actor, command.commandId());
            }
            return outbox.append(new CommandRejected(command.commandId(), command.type(), details),
                            CallContext.command(actor, command.commandId()))
                    .chain(() -> log.complete(actor.id(), command.commandId(), REJECTED, details.toString()));
        }))
                .invoke(() -> outcomes.counted(command.type(), outcome.get()));
    }

    /** A command without a valid bearer token: answered 401 each time, never recorded under any caller. */
    private Uni<Void> rejectUnauthenticated(Command command, ProblemException problem) {
        JsonNode details = mapper.valueToTree(problem.toProblem(null));
        CommandRejected rejected = new CommandRejected(command.commandId(), command.type(), details);
        return Panache.withTransaction(() -> outbox.append(rejected, CallContext.command(UNAUTHENTICATED, command.commandId())))
                .invoke(() -> outcomes.counted(command.type(), CommandOutcomes.REJECTED))
                .replaceWithVoid();
    }

    /** Sends the stored reply of a command this caller sent before, again. */
    private Uni<Void> replay(Actor actor, String commandId) {
        return log.find(actor.id(), commandId).chain(entry -> {
            if (entry == null || entry.outcome() == null) {
                return Uni.createFrom().failure(new IllegalStateException("command " + commandId + " has no stored reply"));
            }
            JsonNode data = readTree(entry.replyData());
            LOG.debugf("command %s repeated by its caller; its %s reply is sent again", commandId, entry.outcome());
            CallContext context = CallContext.command(actor, commandId);
            return (ACCEPTED.equals(entry.outcome())
                    ? outbox.append(new CommandAccepted(commandId, entry.commandType(), data), context)
                    : outbox.append(new CommandRejected(commandId, entry.commandType(), data), context))
                    .replaceWithVoid();
        });
    }

    private Object payload(Command command, CommandType type) {
        if (command.payload() == null || !command.payload().isObject()) {
            throw ProblemException.badRequest("malformed-payload", "a command needs a JSON object 'payload'");
        }
        try {
            return mapper.treeToValue(command.payload(), type.payloadClass());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-payload", "the payload of " + type.wireName()
                    + " is not valid: " + e.getOriginalMessage());
        }
    }

    /** The command in a record's value; an {@link IllegalArgumentException} when it is not a command. */
    Command read(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode id = node.get("command_id");
        JsonNode type = node.get("type");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > Command.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("no command_id (a string of 1 to " + Command.MAX_ID_LENGTH + " characters)");
        }
        if (type == null || !type.isTextual() || type.asText().isBlank() || type.asText().length() > Command.MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("no type (a string of 1 to " + Command.MAX_TYPE_LENGTH + " characters)");
        }
        StorableText.problem(id.asText()).ifPresent(problem -> {
            throw new IllegalArgumentException("the command_id " + problem + ": no reply could carry it");
        });
        // a type that cannot be stored names no command: it is answered as unknown, shown storable
        return new Command(id.asText(), StorableText.storable(type.asText()), node.get("payload"));
    }

    private JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reply is not JSON", e);
        }
    }

    private static String authorization(ConsumerRecord<String, String> record) {
        String value = null;
        for (Header header : record.headers()) {
            if (header.key().equalsIgnoreCase(Command.AUTHORIZATION_HEADER) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }
}
