/** Children (pseudonymous) and the guardians linked to them. */
package org.zenmoon.domain.model.child;
