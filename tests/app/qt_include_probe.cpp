// SPDX-License-Identifier: MIT
// Compiled with exactly the usage requirements of cascadeclip::core. It must not build: core has no Qt.
#include <QString>

int probe()
{
    return QString().size();
}
