// SPDX-License-Identifier: MIT
#pragma once
// The parameterised layers the model uses (nn.Linear, nn.Embedding, a bias-free patch nn.Conv2d), with the
// same parameter names as PyTorch's, and a way to build a model without initialising its parameters.
//
// LibTorch's own layers always draw random initial values. For a model whose every tensor is about to be
// overwritten by a checkpoint that is wasted work: about 150 M random numbers, two seconds of a full-size load.
// Inside a SkipInitialization scope these layers (and the model's own parameters, through initialized())
// allocate their tensors uninitialised instead; outside it they are random as in PyTorch (test and benchmark
// models).

#include <torch/torch.h>

#include <functional>

namespace cascadeclip::model {

/// While alive, parameters built on this thread are left uninitialised. The caller must overwrite every one
/// (weights::loadStrict does, and refuses a file that lacks one).
class SkipInitialization {
public:
    SkipInitialization();
    ~SkipInitialization();
    SkipInitialization(const SkipInitialization&) = delete;
    SkipInitialization& operator=(const SkipInitialization&) = delete;

    static bool active();

private:
    bool m_previous;
};

/// A float32 tensor of `shape`: uninitialised inside SkipInitialization, else filled by `init`.
torch::Tensor initialized(torch::IntArrayRef shape, const std::function<void(torch::Tensor&)>& init);

/// nn.Linear(in, out): weight [out, in], bias [out]; PyTorch's default initialisation.
struct LinearImpl : torch::nn::Module {
    LinearImpl(int64_t in, int64_t out);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight, bias;
};
TORCH_MODULE(Linear);

/// nn.Embedding(count, dim): weight [count, dim], N(0, 1) initialisation.
struct EmbeddingImpl : torch::nn::Module {
    EmbeddingImpl(int64_t count, int64_t dim);
    torch::Tensor forward(const torch::Tensor& ids);
    torch::Tensor weight;
};
TORCH_MODULE(Embedding);

/// nn.Conv2d(in, out, kernel, stride=kernel, bias=False): the ViT's patch embedding; weight [out, in, k, k].
struct PatchEmbeddingImpl : torch::nn::Module {
    PatchEmbeddingImpl(int64_t in, int64_t out, int64_t kernel);
    torch::Tensor forward(const torch::Tensor& image);
    torch::Tensor weight;
    int64_t stride;
};
TORCH_MODULE(PatchEmbedding);

} // namespace cascadeclip::model
