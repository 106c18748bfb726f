package dev.connectplane.contracts.envelope;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.access.GroupGranted;
import dev.connectplane.contracts.access.GroupRegistered;
import dev.connectplane.contracts.access.GroupRevoked;
import dev.connectplane.contracts.access.VaultGranted;
import dev.connectplane.contracts.access.VaultRegistered;
import dev.connectplane.contracts.access.VaultRevoked;
import dev.connectplane.contracts.audit.AuditCheckpointed;
import dev.connectplane.contracts.changes.AccessChanged;
import dev.connectplane.contracts.commands.CommandAccepted;
import dev.connectplane.contracts.commands.CommandRejected;
import dev.connectplane.contracts.operations.OutboxRowParked;
import dev.connectplane.contracts.operations.OutboxWatermark;
import dev.connectplane.contracts.server.ServerCreated;
import dev.connectplane.contracts.server.ServerDeleted;
import dev.connectplane.contracts.server.ServerRenamed;
import dev.connectplane.contracts.token.SigningKeyRetired;
import dev.connectplane.contracts.token.SigningKeyRotated;
import dev.connectplane.contracts.token.TokenIssued;
import dev.connectplane.contracts.token.TokenRenamed;
import dev.connectplane.contracts.token.TokenRevoked;
import dev.connectplane.contracts.token.TokenScopeTrimmed;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type: its CloudEvents {@code type}, its payload record and the topic it goes on.
 * A type's version is part of its name; a new version is a new constant, and old ones stay so
 * that old events remain readable.
 */
public enum EventType {
    SERVER_CREATED("connect.server.created.v1", ServerCreated.class, Topics.SERVER_EVENTS),
    SERVER_RENAMED("connect.server.renamed.v1", ServerRenamed.class, Topics.SERVER_EVENTS),
    SERVER_DELETED("connect.server.deleted.v1", ServerDeleted.class, Topics.SERVER_EVENTS),
    VAULT_REGISTERED("connect.vault.registered.v1", VaultRegistered.class, Topics.ACCESS_EVENTS),
    GROUP_REGISTERED("connect.group.registered.v1", GroupRegistered.class, Topics.ACCESS_EVENTS),
    VAULT_GRANTED("connect.vault.granted.v1", VaultGranted.class, Topics.ACCESS_EVENTS),
    VAULT_REVOKED("connect.vault.revoked.v1", VaultRevoked.class, Topics.ACCESS_EVENTS),
    GROUP_GRANTED("connect.group.granted.v1", GroupGranted.class, Topics.ACCESS_EVENTS),
    GROUP_REVOKED("connect.group.revoked.v1", GroupRevoked.class, Topics.ACCESS_EVENTS),
    TOKEN_ISSUED("connect.token.issued.v1", TokenIssued.class, Topics.TOKEN_EVENTS),
    TOKEN_RENAMED("connect.token.renamed.v1", TokenRenamed.class, Topics.TOKEN_EVENTS),
    TOKEN_REVOKED("connect.token.revoked.v1", TokenRevoked.class, Topics.TOKEN_EVENTS),
    TOKEN_SCOPE_TRIMMED("connect.token.scope-trimmed.v1", TokenScopeTrimmed.class, Topics.TOKEN_EVENTS),
    SIGNING_KEY_ROTATED("connect.signing-key.rotated.v1", SigningKeyRotated.class, Topics.TOKEN_EVENTS),
    SIGNING_KEY_RETIRED("connect.signing-key.retired.v1", SigningKeyRetired.class, Topics.TOKEN_EVENTS),
    ACCESS_CHANGED("connect.access.changed.v1", AccessChanged.class, Topics.ACCESS_CHANGES),
    COMMAND_ACCEPTED("connect.command.accepted.v1", CommandAccepted.class, Topics.COMMAND_REPLIES),
    COMMAND_REJECTED("connect.command.rejected.v1", CommandRejected.class, Topics.COMMAND_REPLIES),
    OUTBOX_ROW_PARKED("connect.outbox.row-parked.v1", OutboxRowParked.class, Topics.OPERATIONS_EVENTS),
    OUTBOX_WATERMARK("connect.outbox.watermark.v1", OutboxWatermark.class, Topics.OUTBOX_WATERMARKS),
    AUDIT_CHECKPOINTED("connect.audit.checkpointed.v1", AuditCheckpointed.class, Topics.AUDIT_CHECKPOINTS);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadClass, Function.identity()));

    private final String type;
    private final Class<? extends EventPayload> payloadClass;
    private final String topic;

    EventType(String type, Class<? extends EventPayload> payloadClass, String topic) {
        this.type = type;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code connect.server.created.v1}. */
    public String type() {
        return type;
    }

    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    /** The topic events of this type are published on. */
    public String topic() {
        return topic;
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static EventType of(EventPayload payload) {
        EventType eventType = BY_CLASS.get(payload.getClass());
        if (eventType == null) {
            throw new IllegalArgumentException("not a registered event payload: " + payload.getClass().getName());
        }
        return eventType;
    }
}
