#pragma once

// The whole fixed-point library: formats, modes, counters, generator, operations.

#include "fixed_point/array_ops.hpp"
#include "fixed_point/format.hpp"
#include "fixed_point/modes.hpp"
#include "fixed_point/ops.hpp"
#include "fixed_point/overflow.hpp"
#include "fixed_point/value.hpp"
#include "fixed_point/xorshift32.hpp"
