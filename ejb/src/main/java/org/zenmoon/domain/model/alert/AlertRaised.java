package org.zenmoon.domain.model.alert;

/**
 * The CDI event of a new alert, fired in the transaction that stored it; observers that push it to people observe
 * it {@code during = TransactionPhase.AFTER_SUCCESS}, so that nobody hears of an alert that was rolled back.
 */
public record AlertRaised(String tenantId, Alert alert) {}
