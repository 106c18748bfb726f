package dev.connectplane.audit.rest;

import java.util.List;

/**
 * One page of a query.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; absent on the last page
 */
public record AuditPage(List<AuditRecordView> records, String nextCursor) {
}
