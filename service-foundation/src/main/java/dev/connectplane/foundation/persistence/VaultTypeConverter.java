package dev.connectplane.foundation.persistence;

import dev.connectplane.contracts.access.VaultType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a vault type by its wire name ({@code user_created}, {@code personal}, ...). */
@Converter
public class VaultTypeConverter implements AttributeConverter<VaultType, String> {

    @Override
    public String convertToDatabaseColumn(VaultType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public VaultType convertToEntityAttribute(String value) {
        return value == null ? null : VaultType.fromWireName(value);
    }
}
