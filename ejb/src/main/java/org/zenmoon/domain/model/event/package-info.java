/** School events and logged interventions: the context of a child's data. */
package org.zenmoon.domain.model.event;
