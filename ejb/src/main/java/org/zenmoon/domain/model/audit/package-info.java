/** The audit trail of reads and writes of children's data. */
package org.zenmoon.domain.model.audit;
