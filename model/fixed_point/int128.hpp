#pragma once

// 128-bit integers for exact intermediate results: a product of two 64-bit raw values needs
// up to 127 bits. __int128 is a GCC/Clang extension; __extension__ keeps -Wpedantic quiet.

namespace plasticore::fixed_point {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

}  // namespace plasticore::fixed_point
