/**
 * The HTTP edge of security: the one authentication mechanism (API bearer tokens and the portal's form log-in,
 * both through {@code Accounts.logIn}), the binding of each request's caller, and the portal's gate.
 */
package org.zenmoon.interfaces.security;
