# cmake -DIN=file -DOUT=file.inc -P EmbedFile.cmake: writes IN's bytes as a
# comma-separated list of hex literals, to #include in a C++ array.
file(READ "${IN}" bytes HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${bytes}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp" "${bytes}\n")
file(RENAME "${OUT}.tmp" "${OUT}")
