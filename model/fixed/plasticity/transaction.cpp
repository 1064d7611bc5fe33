#include "fixed/plasticity/transaction.hpp"

namespace plasticore::fixed {

std::string_view op_name(synapse_op op) {
    switch (op) {
    case synapse_op::potentiate: return "potentiate";
    case synapse_op::depress: return "depress";
    case synapse_op::write_back: return "write_back";
    case synapse_op::bump_pre: return "bump_pre";
    case synapse_op::bump_post: return "bump_post";
    case synapse_op::decay: return "decay";
    case synapse_op::bump: return "bump";
    case synapse_op::gain: return "gain";
    case synapse_op::potentiate_gain: return "potentiate_gain";
    case synapse_op::depress_gain: return "depress_gain";
    case synapse_op::eligibility_add: return "eligibility_add";
    case synapse_op::integrate: return "integrate";
    case synapse_op::modulate: return "modulate";
    case synapse_op::rate_error: return "rate_error";
    case synapse_op::scale: return "scale";
    case synapse_op::rate_update: return "rate_update";
    case synapse_op::slide_threshold: return "slide_threshold";
    case synapse_op::post_factor: return "post_factor";
    case synapse_op::theta_target: return "theta_target";
    case synapse_op::modulator_at: return "modulator_at";
    }
    return "?";
}

}  // namespace plasticore::fixed
