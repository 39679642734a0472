#include "zm/crc16.h"

#define CRC16_POLY 0x1021u /* x^16 + x^12 + x^5 + 1 */

/* Bitwise implementation: 16 bytes of code instead of a 512-byte table; throughput is
 * irrelevant at one 24-byte record per minute and one 244-byte frame per sync. */
uint16_t zm_crc16_update(uint16_t crc, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        crc ^= (uint16_t)((uint16_t)data[i] << 8);
        for (int bit = 0; bit < 8; bit++) {
            if (crc & 0x8000u) {
                crc = (uint16_t)((crc << 1) ^ CRC16_POLY);
            } else {
                crc = (uint16_t)(crc << 1);
            }
        }
    }
    return crc;
}

uint16_t zm_crc16(const uint8_t *data, size_t len)
{
    return zm_crc16_update(ZM_CRC16_INIT, data, len);
}
