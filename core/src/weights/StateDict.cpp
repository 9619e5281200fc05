// SPDX-License-Identifier: MIT
#include "weights/StateDict.h"

#include <cascadeclip/Error.h>

#include <sstream>

namespace cascadeclip::weights {

namespace {

std::string shapeString(c10::IntArrayRef s)
{
    std::ostringstream o;
    o << "[";
    for (size_t i = 0; i < s.size(); ++i)
        o << (i ? ", " : "") << s[i];
    o << "]";
    return o.str();
}

// How many problems one error message lists before it summarises.
constexpr size_t kMaxListedProblems = 8;

} // namespace

bool isIgnoredCheckpointKey(const std::string& key)
{
    return key == "decode_head.loss_decode.criterion.empty_weight";
}

void loadStrict(torch::nn::Module& module, const std::map<std::string, torch::Tensor>& tensors,
    const std::string& source, const std::function<void(const torch::Tensor&)>& copied)
{
    std::vector<std::string> problems;
    std::set<std::string> used;
    torch::NoGradGuard noGrad;
    auto visit = [&](const std::string& name, torch::Tensor& target) {
        const auto it = tensors.find(name);
        if (it == tensors.end()) {
            problems.push_back("missing tensor '" + name + "' (expected shape " + shapeString(target.sizes()) + ")");
            return;
        }
        used.insert(name);
        const auto& src = it->second;
        if (src.sizes() != target.sizes()) {
            problems.push_back("tensor '" + name + "' has shape " + shapeString(src.sizes()) + ", expected "
                + shapeString(target.sizes()));
            return;
        }
        if (!src.is_floating_point() && target.is_floating_point()) {
            problems.push_back("tensor '" + name + "' has integer dtype "
                + std::string(c10::toString(src.scalar_type())) + ", expected floating point");
            return;
        }
        target.copy_(src);
        if (copied)
            copied(src);
    };
    for (auto& item : module.named_parameters(/*recurse=*/true))
        visit(item.key(), item.value());
    for (auto& item : module.named_buffers(/*recurse=*/true))
        visit(item.key(), item.value());
    for (const auto& [name, tensor] : tensors) {
        if (!used.count(name) && !isIgnoredCheckpointKey(name))
            problems.push_back("unexpected tensor '" + name + "' with shape " + shapeString(tensor.sizes()));
    }
    if (problems.empty())
        return;
    std::ostringstream msg;
    msg << source << ": weights do not match the model (" << problems.size() << " problem"
        << (problems.size() == 1 ? "" : "s") << "): ";
    for (size_t i = 0; i < std::min(problems.size(), kMaxListedProblems); ++i)
        msg << (i ? "; " : "") << problems[i];
    if (problems.size() > kMaxListedProblems)
        msg << "; and " << problems.size() - kMaxListedProblems << " more";
    throw Error(ErrorCode::WeightsMalformed, msg.str());
}

std::vector<std::pair<std::string, std::vector<int64_t>>> keyManifest(const torch::nn::Module& module)
{
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    for (const auto& item : module.named_parameters(true))
        out.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto& item : module.named_buffers(true))
        out.emplace_back(item.key(), item.value().sizes().vec());
    return out;
}

} // namespace cascadeclip::weights
