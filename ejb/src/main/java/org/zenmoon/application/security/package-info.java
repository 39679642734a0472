/**
 * Who is calling and what they may do: the caller bound once per unit of work ({@link
 * org.zenmoon.application.security.CallerContext}), the one access policy, its enforcement ({@code @Requires}),
 * the tenant binding of persistence ({@code @TenantBound}) and log-in with its throttle.
 */
package org.zenmoon.application.security;
