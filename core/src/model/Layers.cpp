// SPDX-License-Identifier: MIT
#include "model/Layers.h"

#include <cmath>

namespace cascadeclip::model {

namespace {

thread_local bool t_skipInitialization = false;

/// PyTorch's default for Linear and Conv2d weights and biases: kaiming_uniform_(a=sqrt(5)) reduces to
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and so does the bias.
std::function<void(torch::Tensor&)> uniformFanIn(int64_t fanIn)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    return [bound](torch::Tensor& t) { t.uniform_(-bound, bound); };
}

} // namespace

SkipInitialization::SkipInitialization()
    : m_previous(t_skipInitialization)
{
    t_skipInitialization = true;
}

SkipInitialization::~SkipInitialization()
{
    t_skipInitialization = m_previous;
}

bool SkipInitialization::active()
{
    return t_skipInitialization;
}

torch::Tensor initialized(torch::IntArrayRef shape, const std::function<void(torch::Tensor&)>& init)
{
    auto t = torch::empty(shape, torch::kFloat32);
    if (!t_skipInitialization) {
        torch::NoGradGuard noGrad;
        init(t);
    }
    return t;
}

LinearImpl::LinearImpl(int64_t in, int64_t out)
{
    weight = register_parameter("weight", initialized({out, in}, uniformFanIn(in)));
    bias = register_parameter("bias", initialized({out}, uniformFanIn(in)));
}

torch::Tensor LinearImpl::forward(const torch::Tensor& x)
{
    return torch::linear(x, weight, bias);
}

EmbeddingImpl::EmbeddingImpl(int64_t count, int64_t dim)
{
    weight = register_parameter("weight", initialized({count, dim}, [](torch::Tensor& t) { t.normal_(); }));
}

torch::Tensor EmbeddingImpl::forward(const torch::Tensor& ids)
{
    return torch::embedding(weight, ids);
}

PatchEmbeddingImpl::PatchEmbeddingImpl(int64_t in, int64_t out, int64_t kernel)
    : stride(kernel)
{
    weight = register_parameter("weight", initialized({out, in, kernel, kernel}, uniformFanIn(in * kernel * kernel)));
}

torch::Tensor PatchEmbeddingImpl::forward(const torch::Tensor& image)
{
    return torch::conv2d(image, weight, {}, stride);
}

} // namespace cascadeclip::model
