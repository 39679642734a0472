/** Authentication (API tokens and portal log-in) and the account identity store. */
package org.zenmoon.interfaces.security;
