/* CRC-16/CCITT-FALSE: the catalogue check value and incremental use. */
#include <string.h>

#include "check.h"
#include "zm/crc16.h"

int main(void)
{
    const uint8_t *msg = (const uint8_t *)"123456789";
    CHECK_EQ_INT(zm_crc16(msg, 9), 0x29B1);
    CHECK_EQ_INT(ZM_CRC16_CHECK, 0x29B1);
    /* empty input leaves the init value */
    CHECK_EQ_INT(zm_crc16(msg, 0), 0xFFFF);
    /* single byte 'A' = 0xB915 for CRC-16/CCITT-FALSE (reveng catalogue parameters) */
    CHECK_EQ_INT(zm_crc16((const uint8_t *)"A", 1), 0xB915);
    /* incremental == one-shot */
    uint16_t c = zm_crc16_update(ZM_CRC16_INIT, msg, 4);
    c = zm_crc16_update(c, msg + 4, 5);
    CHECK_EQ_INT(c, 0x29B1);
    /* any single-bit error is detected */
    uint8_t buf[9];
    for (int bit = 0; bit < 72; bit++) {
        memcpy(buf, msg, 9);
        buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CHECK(zm_crc16(buf, 9) != 0x29B1);
    }
    return check_report("test_crc16");
}
