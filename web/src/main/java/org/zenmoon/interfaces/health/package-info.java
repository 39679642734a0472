/** MicroProfile Health checks for /health/live and /health/ready. */
package org.zenmoon.interfaces.health;
