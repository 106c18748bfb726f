package dev.connectplane.foundation.commands;

import dev.connectplane.contracts.commands.CommandType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The commands one service's topic carries, each with its handler. */
public final class CommandHandlers {

    private final Map<CommandType, CommandHandler<?>> handlers = new EnumMap<>(CommandType.class);

    public <P> CommandHandlers on(CommandType type, Class<P> payloadClass, CommandHandler<P> handler) {
        if (!type.payloadClass().equals(payloadClass)) {
            throw new IllegalArgumentException(type + " carries " + type.payloadClass().getSimpleName());
        }
        handlers.put(type, handler);
        return this;
    }

    @SuppressWarnings("unchecked")
    Optional<CommandHandler<Object>> of(CommandType type) {
        return Optional.ofNullable((CommandHandler<Object>) handlers.get(type));
    }

    /** The wire names of the handled types, for the error that names them. */
    String names() {
        return handlers.keySet().stream().map(CommandType::wireName).collect(Collectors.joining(", "));
    }
}
