/** What every HTTP request goes through before the API or the portal sees it: its request id. */
package org.zenmoon.interfaces.http;
