/** The audit trail of children's data: declared with {@code @Audited}, written by one interceptor. */
package org.zenmoon.application.audit;
