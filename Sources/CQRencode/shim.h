// Debian's libqrencode-dev: the QR Code encoder library (libqrencode) and its header in /usr/include.
#include <qrencode.h>
