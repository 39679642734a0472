/**
 * Analysis engines: plain Java, no container and no database (no {@code jakarta.*} imports, enforced by a
 * test), so that the batch jobs, the EJBs and the command-line tool share the same code.
 */
package org.zenmoon.analysis;
