// SPDX-License-Identifier: MIT
#pragma once
// The deterministic masks of tests/fixtures/rle_reference.json and polygon_reference.json, regenerated from their
// description (see tests/fixtures/README.md; same LCG and rules as tests/fixtures/rle_reference_driver.c).

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <string>

namespace cascadeclip::test {

// x_{n+1} = 1664525 x_n + 1013904223 (mod 2^32), returning the top 24 bits.
class Lcg {
public:
    explicit Lcg(unsigned seed)
        : m_state(seed)
    {
    }
    unsigned next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return m_state >> 8;
    }

private:
    unsigned m_state;
};

struct FixtureMask {
    std::string name;
    std::string kind;
    int h = 0;
    int w = 0;
    int a = 0;
    int b = 0;
    unsigned seed = 0;

    static FixtureMask fromJson(const nlohmann::json& j)
    {
        return {j.at("name"), j.at("kind"), j.at("h"), j.at("w"), j.at("a"), j.at("b"), j.at("seed")};
    }

    /// The mask, CV_8UC1 with values 0 and 1.
    cv::Mat generate() const
    {
        cv::Mat m = cv::Mat::zeros(h, w, CV_8UC1);
        Lcg rng(seed);
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) {
                bool v = false;
                if (kind == "ones")
                    v = true;
                else if (kind == "pixel")
                    v = y == a && x == b;
                else if (kind == "random")
                    v = rng.next() % 100 < static_cast<unsigned>(a);
                else if (kind == "span") // column-major pixel index in [a, b)
                    v = x * h + y >= a && x * h + y < b;
                else if (kind == "checker")
                    v = (y / a + x / a) % 2 == 1;
                else if (kind == "ring") {
                    const bool outer = y >= h / 4 && y < h - h / 4 && x >= w / 4 && x < w - w / 4;
                    const bool hole
                        = y >= h / 2 - h / 8 && y < h / 2 + h / 8 && x >= w / 2 - w / 8 && x < w / 2 + w / 8;
                    v = outer && !hole;
                }
                m.at<std::uint8_t>(y, x) = v ? 1 : 0;
            }
        }
        if (kind == "rects") {
            for (int i = 0; i < a; ++i) {
                const int y0 = static_cast<int>(rng.next() % static_cast<unsigned>(h));
                const int x0 = static_cast<int>(rng.next() % static_cast<unsigned>(w));
                const int rh = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(h / 3 + 1));
                const int rw = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(w / 3 + 1));
                for (int y = y0; y < y0 + rh && y < h; ++y)
                    for (int x = x0; x < x0 + rw && x < w; ++x)
                        m.at<std::uint8_t>(y, x) = 1;
            }
        }
        return m;
    }
};

} // namespace cascadeclip::test
