package dev.connectplane.contracts.commands;

import dev.connectplane.contracts.Topics;
import java.util.Arrays;
import java.util.Optional;

/** Every command, with the topic that carries it and the record its payload reads into. */
public enum CommandType {
    SERVER_CREATE("server.create", Topics.SERVER_COMMANDS, CommandPayloads.CreateServer.class),
    SERVER_EDIT("server.edit", Topics.SERVER_COMMANDS, CommandPayloads.EditServer.class),
    SERVER_DELETE("server.delete", Topics.SERVER_COMMANDS, CommandPayloads.DeleteServer.class),
    VAULT_GRANT("vault.grant", Topics.ACCESS_COMMANDS, CommandPayloads.VaultAccess.class),
    VAULT_REVOKE("vault.revoke", Topics.ACCESS_COMMANDS, CommandPayloads.VaultAccess.class),
    GROUP_GRANT("group.grant", Topics.ACCESS_COMMANDS, CommandPayloads.GroupAccess.class),
    GROUP_REVOKE("group.revoke", Topics.ACCESS_COMMANDS, CommandPayloads.GroupAccess.class),
    TOKEN_CREATE("token.create", Topics.TOKEN_COMMANDS, CommandPayloads.CreateToken.class),
    TOKEN_EDIT("token.edit", Topics.TOKEN_COMMANDS, CommandPayloads.EditToken.class),
    TOKEN_DELETE("token.delete", Topics.TOKEN_COMMANDS, CommandPayloads.DeleteToken.class);

    private final String wireName;
    private final String topic;
    private final Class<?> payloadClass;

    CommandType(String wireName, String topic, Class<?> payloadClass) {
        this.wireName = wireName;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadClass() {
        return payloadClass;
    }

    public static Optional<CommandType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
