# SPDX-License-Identifier: MIT
# Installation layout and the Debian package (cpack -G DEB): the GUI and CLI in bin, desktop entry, AppStream
# metainfo, MIME type of the project file, icons (SVG and rendered PNGs), man pages, copyright and changelog.
# Installed paths are relative to CMAKE_INSTALL_PREFIX; the package installs under /usr.

set(CASCADECLIP_APP_ID io.github.cascadeclip.Studio CACHE STRING "Desktop/AppStream id of the application")
set(CASCADECLIP_PACKAGE_MAINTAINER "Cascade-CLIP Studio maintainers <maintainers@cascadeclip.invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(linux_dir ${PROJECT_SOURCE_DIR}/packaging/linux)
set(debian_dir ${PROJECT_SOURCE_DIR}/packaging/debian)
set(gen_dir ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${gen_dir})

find_program(GZIP_EXECUTABLE gzip REQUIRED)
find_program(RSVG_CONVERT_EXECUTABLE rsvg-convert)

# Debian wants man pages and changelogs compressed with gzip -9n (no name or time stamp: reproducible).
function(cascadeclip_gzip source output)
    add_custom_command(OUTPUT ${output}
        COMMAND ${GZIP_EXECUTABLE} -9 -n -c ${source} > ${output}
        DEPENDS ${source}
        COMMENT "Compressing ${source}"
        VERBATIM)
endfunction()

set(packaging_outputs)
foreach(page cascadeclip.1 cascadeclip-studio.1)
    cascadeclip_gzip(${linux_dir}/${page} ${gen_dir}/${page}.gz)
    list(APPEND packaging_outputs ${gen_dir}/${page}.gz)
    install(FILES ${gen_dir}/${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
cascadeclip_gzip(${debian_dir}/changelog ${gen_dir}/changelog.gz)
list(APPEND packaging_outputs ${gen_dir}/changelog.gz)

# Icons: the SVG as drawn, and PNGs rendered from it for the fixed hicolor sizes.
set(icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/cascadeclip-studio.svg)
install(FILES ${icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
if(RSVG_CONVERT_EXECUTABLE)
    foreach(size 16 22 24 32 48 64 128 256)
        set(png ${gen_dir}/icons/${size}x${size}/cascadeclip-studio.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${gen_dir}/icons/${size}x${size}
            COMMAND ${RSVG_CONVERT_EXECUTABLE} --width=${size} --height=${size} --format=png -o ${png} ${icon_svg}
            DEPENDS ${icon_svg}
            COMMENT "Rendering the ${size}x${size} icon"
            VERBATIM)
        list(APPEND packaging_outputs ${png})
        install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
else()
    message(WARNING "rsvg-convert (Debian: librsvg2-bin) not found: only the SVG icon is installed")
endif()
add_custom_target(cascadeclip_packaging_files ALL DEPENDS ${packaging_outputs})

install(FILES ${linux_dir}/${CASCADECLIP_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${linux_dir}/${CASCADECLIP_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${linux_dir}/cascadeclip-studio-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
    RENAME cascadeclip-studio.xml)
install(FILES ${debian_dir}/copyright ${gen_dir}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/cascadeclip-studio)

# The package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cascadeclip-studio)
set(CPACK_PACKAGE_VENDOR "Cascade-CLIP Studio contributors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${CASCADECLIP_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CASCADECLIP_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's own translations for the standard dialogs, and glyphs for the Chinese, Japanese and Korean interfaces.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The synopsis, then the extended description (CPack indents it and marks empty lines).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "zero-shot semantic segmentation with Cascade-CLIP")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Cascade-CLIP Studio segments images into any classes you name, without
training, with the Cascade-CLIP model (CLIP ViT-B/16 with deep visual
prompts and cascaded vision-language decoders), on the CPU or a CUDA GPU.
.
This package contains the desktop application (cascadeclip-studio), for
viewing and correcting masks, and the command-line tool (cascadeclip), for
segmenting whole folders and writing label maps and COCO annotations.")
include(CPack)
