// SPDX-License-Identifier: MIT
#include "ui/ImageListModel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using cascadeclip::ui::ImageListModel;

class TestImageListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scanFindsImagesInNaturalOrder();
    void rowsCarryNamesPathsAndThumbnails();
    void doneStateIsACheckBox();

private:
    QTemporaryDir m_dir;
};

void TestImageListModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QImage img(40, 20, QImage::Format_RGB32);
    img.fill(Qt::darkGreen);
    for (const char* name : {"img10.png", "img2.png", "img1.jpg", "Img3.bmp"})
        QVERIFY(img.save(m_dir.filePath(QString::fromLatin1(name))));
    QFile notes(m_dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
}

void TestImageListModel::scanFindsImagesInNaturalOrder()
{
    const QStringList files = ImageListModel::scanFolder(m_dir.path());
    QCOMPARE(files,
        QStringList({QStringLiteral("img1.jpg"), QStringLiteral("img2.png"), QStringLiteral("Img3.bmp"),
            QStringLiteral("img10.png")}));
}

void TestImageListModel::rowsCarryNamesPathsAndThumbnails()
{
    ImageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setImages(m_dir.path(), ImageListModel::scanFolder(m_dir.path()));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.data(model.index(1)).toString(), QStringLiteral("img2.png"));
    QCOMPARE(
        model.data(model.index(1), ImageListModel::PathRole).toString(), m_dir.filePath(QStringLiteral("img2.png")));
    const QIcon icon = model.data(model.index(0), Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    const QImage thumb = icon.pixmap(ImageListModel::kThumbnailSize).toImage();
    // The 2:1 image is letterboxed into the square thumbnail: green in the middle, transparent above.
    QCOMPARE(QColor(thumb.pixel(thumb.width() / 2, thumb.height() / 2)).green(), QColor(Qt::darkGreen).green());
    QCOMPARE(qAlpha(thumb.pixel(thumb.width() / 2, 1)), 0);
    QCOMPARE(model.rowOfFileName(QStringLiteral("img10.png")), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestImageListModel::doneStateIsACheckBox()
{
    ImageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setImages(m_dir.path(), ImageListModel::scanFolder(m_dir.path()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(2), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.isDone(2));
    QCOMPARE(model.doneFiles(), QStringList({QStringLiteral("Img3.bmp")}));
    QVERIFY(model.data(model.index(2), Qt::ToolTipRole).toString().contains(QStringLiteral("Done")));
    model.setDone(2, false);
    QVERIFY(!model.isDone(2));
    model.setAnnotated(0, true);
    QVERIFY(model.data(model.index(0), ImageListModel::AnnotatedRole).toBool());
}

QTEST_MAIN(TestImageListModel)
#include "tst_imagelistmodel.moc"
