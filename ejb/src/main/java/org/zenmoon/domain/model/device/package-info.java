/** Wearables paired with a child, each with a token that uploads for that child only. */
package org.zenmoon.domain.model.device;
