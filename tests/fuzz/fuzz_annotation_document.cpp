// SPDX-License-Identifier: MIT
// A saved annotation as the GUI reads it back: the JSON sidecar and the 16-bit PNG layers it names, next to a
// small image. The input is split into the sidecar text and the bytes of one layer PNG.
#include "FuzzSupport.h"
#include "ui/AnnotationDocument.h"

#include <QDir>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstddef>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace cascadeclip;
    static const std::string imagePath = [] {
        const std::string path = fuzz::scratchDir() + "/image.png";
        cv::imwrite(path, cv::Mat(7, 5, CV_8UC3, cv::Scalar(10, 20, 30)));
        return path;
    }();
    FuzzedDataProvider input(data, size);
    const std::string sidecar = input.ConsumeRandomLengthString(4096);
    const std::vector<std::uint8_t> layer = input.ConsumeRemainingBytes<std::uint8_t>();
    fuzz::writeScratch("image.png.json", sidecar.data(), sidecar.size());
    // Every layer name the sidecar may use points at the same fuzzed PNG.
    for (const char* name :
        {"image.png.labels.png", "image.png.model.png", "image.png.confidence.png", "image.png.edits.png", "layer.png"})
        fuzz::writeScratch(name, layer.data(), layer.size());

    ui::AnnotationDocument document(QString::fromStdString(imagePath));
    QString error;
    if (!document.loadImage(&error))
        __builtin_trap(); // the fixed image always loads
    if (!document.loadAnnotation(QString::fromStdString(fuzz::scratchDir()), &error) && error.isEmpty())
        __builtin_trap(); // a failure always says why
    (void)document.composite(0.5f, QRect(0, 0, 5, 7));
    return 0;
}
