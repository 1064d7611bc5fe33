// Compiled, not run, by tests/plasticity/CMakeLists.txt: a rule added to a registry list without
// the fixed kernel (-DPROVIDE_KERNEL left out), the golden implementation (-DPROVIDE_GOLDEN
// left out) or the learning engine's compile() overload (-DPROVIDE_ENGINE left out) must not
// compile, through the same traits the layers use for plasticity::all_rules.
#include <string>

#include "fixed/learning_engine/microcode.hpp"
#include "fixed/plasticity/kernels.hpp"
#include "golden/plasticity/plasticity_rule.hpp"
#include "golden/plasticity/stdp_pair.hpp"

namespace plasticore {

struct fake_params {
    double w_min = 0.0;  // [nA]
    double w_max = 1.0;  // [nA]
};

#ifdef PROVIDE_ENGINE
// Declared where a real rule's is, before the overload set of compile.hpp.
namespace fixed::learning_engine {
engine_program compile(const fake_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
}
#endif

}  // namespace plasticore

#include "fixed/learning_engine/compile.hpp"

namespace plasticore {

namespace plasticity {
struct fake_rule {
    using params = fake_params;
    static const declaration<params>& declare();
};
using list_with_fake = rule_list<stdp_pair, fake_rule>;
}  // namespace plasticity

#ifdef PROVIDE_KERNEL
namespace fixed {
template <>
class rule_kernel<plasticity::fake_rule> {
public:
    rule_kernel(const fake_params&, const kernel_setup&) {}
};
}  // namespace fixed
#endif

#ifdef PROVIDE_GOLDEN
namespace golden {
template <typename Real>
class fake_golden final : public plasticity_rule<Real> {
public:
    void on_pre(std::int64_t, std::uint32_t, std::uint32_t, Real*) override {}
    void on_post(std::int64_t, std::uint32_t, Real*) override {}
};
template <>
struct golden_rule<plasticity::fake_rule> {
    template <typename Real>
    using type = fake_golden<Real>;
};
}  // namespace golden
#endif

// What the fixed engine holds per projection, and what golden's make_rule names.
using kernels = fixed::kernel_variant_of<plasticity::list_with_fake>::type;
using goldens = golden::golden_rules<plasticity::list_with_fake, double>::types;
static_assert(std::variant_size_v<kernels> == 3);
static_assert(std::tuple_size_v<goldens> == 2);
static_assert(fixed::learning_engine::compiles_every_rule<plasticity::list_with_fake>::value,
              "the fake rule has no learning-engine compile() overload");
inline std::size_t sizes() { return sizeof(kernels) + sizeof(goldens); }

}  // namespace plasticore
