// SPDX-License-Identifier: MIT
#include "ui/ClassListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using cascadeclip::ui::ClassListModel;

class TestClassListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addsUniqueNamesWithStableIds();
    void addClassesSplitsCommasAndLines();
    void renameRejectsEmptyAndDuplicate();
    void moveKeepsIdsAndRenumbersHotkeys();
    void removeKeepsOtherIdsAndNeverReusesThem();
    void seenFlagIsACheckBox();
    void labelsTxtRoundTrip();
    void importSkipsLabelmePseudoClasses();
};

void TestClassListModel::addsUniqueNamesWithStableIds()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.addClass(QStringLiteral("sky")), 0);
    QCOMPARE(model.addClass(QStringLiteral("  road ")), 1);
    QCOMPARE(model.addClass(QStringLiteral("Sky")), -1); // case-insensitive duplicate
    QCOMPARE(model.addClass(QStringLiteral("   ")), -1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1)).toString(), QStringLiteral("road"));
    QCOMPARE(model.data(model.index(0), ClassListModel::IdRole).toInt(), 0);
    QCOMPARE(model.data(model.index(1), ClassListModel::IdRole).toInt(), 1);
    QVERIFY(model.data(model.index(0), ClassListModel::ColorRole).value<QColor>().isValid());
    QVERIFY(
        model.data(model.index(0), ClassListModel::ColorRole) != model.data(model.index(1), ClassListModel::ColorRole));
}

void TestClassListModel::addClassesSplitsCommasAndLines()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.addClasses(QStringLiteral("cat, dog,,\nsofa\n dog")), 3);
    QCOMPARE(model.names(), QStringList({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("sofa")}));
}

void TestClassListModel::renameRejectsEmptyAndDuplicate()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addClasses(QStringLiteral("cat, dog"));
    QVERIFY(!model.setData(model.index(0), QStringLiteral("DOG")));
    QVERIFY(!model.setData(model.index(0), QString()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0), QStringLiteral("kitten")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.at(0).name, QStringLiteral("kitten"));
    QCOMPARE(model.at(0).id, std::uint16_t(0));
}

void TestClassListModel::moveKeepsIdsAndRenumbersHotkeys()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addClasses(QStringLiteral("a, b, c"));
    QVERIFY(model.moveRows({}, 2, 1, {}, 0)); // c to the top
    QCOMPARE(model.names(), QStringList({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(model.data(model.index(0), ClassListModel::IdRole).toInt(), 2);
    QCOMPARE(model.data(model.index(0), ClassListModel::HotkeyRole).toInt(), 1);
    QVERIFY(model.moveRows({}, 0, 1, {}, 3)); // and to the bottom
    QCOMPARE(model.names(), QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QVERIFY(!model.moveRows({}, 0, 1, {}, 1)); // onto itself
    QVERIFY(!model.moveRows({}, 0, 5, {}, 0));
}

void TestClassListModel::removeKeepsOtherIdsAndNeverReusesThem()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addClasses(QStringLiteral("a, b, c"));
    QVERIFY(model.removeRows(1, 1));
    QCOMPARE(model.rowOfId(2), 1);
    QCOMPARE(model.rowOfId(1), -1);
    QCOMPARE(model.data(model.index(1), ClassListModel::HotkeyRole).toInt(), 2);
    model.addClass(QStringLiteral("d"));
    // A removed class's id stays retired: old masks never change meaning.
    QCOMPARE(model.at(2).id, std::uint16_t(3));
    QVERIFY(!model.removeRows(2, 5));
}

void TestClassListModel::seenFlagIsACheckBox()
{
    ClassListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addClass(QStringLiteral("cat"));
    QVERIFY(model.flags(model.index(0)) & Qt::ItemIsUserCheckable);
    QCOMPARE(model.data(model.index(0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(model.setData(model.index(0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.at(0).seen);
}

void TestClassListModel::labelsTxtRoundTrip()
{
    QTemporaryDir dir;
    ClassListModel model;
    model.addClasses(QStringLiteral("sky, road, traffic light"));
    QString error;
    const QString path = dir.filePath(QStringLiteral("labels.txt"));
    QVERIFY2(model.exportLabels(path, &error), qPrintable(error));
    ClassListModel other;
    QAbstractItemModelTester tester(&other, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(other.importLabels(path, &error));
    QCOMPARE(other.names(), model.names());
    QVERIFY(!other.importLabels(dir.filePath(QStringLiteral("missing.txt")), &error));
    QVERIFY(!error.isEmpty());
}

void TestClassListModel::importSkipsLabelmePseudoClasses()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("labels.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("__ignore__\n_background_\n\ncat\n dog \ncat\n");
    f.close();
    ClassListModel model;
    model.addClass(QStringLiteral("dog"));
    QString error;
    QVERIFY(model.importLabels(path, &error));
    QCOMPARE(model.names(), QStringList({QStringLiteral("dog"), QStringLiteral("cat")}));
}

QTEST_MAIN(TestClassListModel)
#include "tst_classlistmodel.moc"
